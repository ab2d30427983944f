<?xml version="1.0" encoding="UTF-8"?>
<!--
  people.xsl: the people who log in (employees, leaders and
  administrators) for the administrator: a search, each person with
  their role, unit, e-mail address and whether they can log in, and the
  form to add one (a deactivated person is marked so). Guardians and youths are not here: their accounts
  belong to children's cases. Passwords are set on the server. View:
  h_person.c (<people q? more?><person id username name role unit?
  unit-name? email? active created/></people>, <units><unit id name
  kind/></units>, <preset unit/> from a unit's page, <error form="new"
  field> and <typed> after a refusal).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>
  <xsl:import href="_account.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="i:t('People')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <p><a href="/"><xsl:value-of select="i:t('Start page')"/></a></p>
    <h1><xsl:value-of select="i:t('People')"/></h1>
    <xsl:call-template name="error-summary">
      <xsl:with-param name="title" select="i:t('The person was not added. Correct this:')"/>
    </xsl:call-template>
    <p class="intro"><xsl:value-of select="i:t('Everyone who logs in to work in Stafett: employees, leaders and administrators. Guardians and youths are not managed here: their accounts belong to children’s cases.')"/></p>
    <nav class="toc" aria-label="{i:t('On this page')}">
      <ul>
        <li><a href="#list"><xsl:value-of select="i:t('The people')"/></a></li>
        <li><a href="#new"><xsl:value-of select="i:t('Add a person')"/></a></li>
        <li><a href="/admin/units"><xsl:value-of select="i:t('Units')"/></a></li>
      </ul>
    </nav>
    <section aria-labelledby="list-title" id="list">
      <h2 id="list-title"><xsl:value-of select="i:t('The people')"/></h2>
      <form method="get" action="/admin/people" class="search" role="search">
        <div class="field">
          <label for="q"><xsl:value-of select="i:t('Find a person')"/></label>
          <div class="hint" id="q-hint"><xsl:value-of select="i:t('Part of a name, a user name or a unit.')"/></div>
          <input type="search" id="q" name="q" value="{people/@q}" maxlength="200" aria-describedby="q-hint" autocomplete="off"/>
        </div>
        <button type="submit" class="secondary"><xsl:value-of select="i:t('Search')"/></button>
        <xsl:if test="people/@q">
          <xsl:text> </xsl:text>
          <a href="/admin/people"><xsl:value-of select="i:t('Show everyone')"/></a>
        </xsl:if>
      </form>
      <xsl:if test="people/@q">
        <p role="status"><xsl:value-of select="i:t('Search for “{0}”: {1} found.', people/@q, count(people/person))"/></p>
      </xsl:if>
      <xsl:if test="people/@more">
        <p class="notice"><xsl:value-of select="i:t('Only the first {0} are shown. Search to find the others.', count(people/person))"/></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="not(people/person)">
          <p class="none"><xsl:value-of select="i:t('Nobody found.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table1">
          <table class="list">
            <caption class="visually-hidden" id="{generate-id()}-table1"><xsl:value-of select="i:t('People by name, those who can log in first')"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('Person')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Unit')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="people/person">
                <tr>
                  <th scope="row">
                    <a href="/admin/people/{@id}"><xsl:value-of select="@name"/></a>
                    <xsl:if test="@active != 'true'">
                      <xsl:text> </xsl:text>
                      <xsl:call-template name="person-state"/>
                    </xsl:if>
                    <div class="small-ref">
                      <xsl:call-template name="role-name"><xsl:with-param name="r" select="@role"/></xsl:call-template>
                      <xsl:text> · </xsl:text>
                      <code><xsl:value-of select="@username"/></code>
                    </div>
                  </th>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@unit"><a href="/admin/units/{@unit}"><xsl:value-of select="@unit-name"/></a></xsl:when>
                      <xsl:otherwise><span class="none"><xsl:value-of select="i:t('No unit')"/></span></xsl:otherwise>
                    </xsl:choose>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section aria-labelledby="new-title" id="new">
      <h2 id="new-title"><xsl:value-of select="i:t('Add a person')"/></h2>
      <form method="post" action="/admin/people" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="person-fields">
          <xsl:with-param name="form" select="'new'"/>
          <xsl:with-param name="unit" select="string(preset/@unit)"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Add the person')"/></button>
      </form>
      <p class="muted"><xsl:value-of select="i:t('A new person cannot log in until someone with access to the server sets their password: stafett user password USER-NAME. Passwords are never entered or shown on these pages.')"/></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
