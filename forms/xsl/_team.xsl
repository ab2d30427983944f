<?xml version="1.0" encoding="UTF-8"?>
<!--
  _team.xsl: the fields of a team for its administrator (teams-admin.xsl,
  team-admin.xsl), empty for a new one or filled in, with what was typed
  and the error next to the field after a refusal. Field ids are
  a-FORM-FIELD, as _account.xsl's error summary links them.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">

  <!-- form: "new" or "edit"; t: the team to fill in from, if any. -->
  <xsl:template name="team-fields">
    <xsl:param name="form"/>
    <xsl:param name="t" select="/.."/>
    <xsl:variable name="e" select="/page/error[@form = $form]"/>
    <xsl:call-template name="field">
      <xsl:with-param name="id" select="concat('a-', $form, '-name')"/>
      <xsl:with-param name="name" select="'name'"/>
      <xsl:with-param name="label" select="i:t('Name')"/>
      <xsl:with-param name="hint" select="i:t('As people call it, for example Drøftingsteam Fagerli barnehage.')"/>
      <xsl:with-param name="required" select="true()"/>
      <xsl:with-param name="maxlength" select="'200'"/>
      <xsl:with-param name="autocomplete" select="'off'"/>
      <xsl:with-param name="value"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'name'"/><xsl:with-param name="stored" select="$t/@name"/></xsl:call-template></xsl:with-param>
      <xsl:with-param name="error" select="string($e[@field = 'name'])"/>
    </xsl:call-template>
    <xsl:if test="$form = 'new'">
      <xsl:variable name="kind" select="string(/page/typed[@form = $form][@name = 'kind'])"/>
      <xsl:variable name="kerr" select="string($e[@field = 'kind'])"/>
      <fieldset>
        <xsl:attribute name="class">field choices<xsl:if test="$kerr != ''"> has-error</xsl:if></xsl:attribute>
        <xsl:if test="$kerr != ''">
          <xsl:attribute name="aria-describedby">a-new-kind-error</xsl:attribute>
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
        </xsl:if>
        <legend>
          <xsl:value-of select="i:t('Kind of team')"/>
          <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
        </legend>
        <xsl:call-template name="choices-error">
          <xsl:with-param name="id" select="'a-new-kind'"/>
          <xsl:with-param name="error" select="$kerr"/>
        </xsl:call-template>
        <div class="choice">
          <input type="radio" id="a-new-kind" name="kind" value="discussion">
            <xsl:if test="$kind = 'discussion'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="a-new-kind"><xsl:value-of select="i:t('Discussion team: concerns discussed anonymously')"/></label>
        </div>
        <div class="choice">
          <input type="radio" id="a-new-kind-2" name="kind" value="intake">
            <xsl:if test="$kind = 'intake'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="a-new-kind-2"><xsl:value-of select="i:t('Team with an intake: families referred with consent')"/></label>
        </div>
      </fieldset>
    </xsl:if>
    <xsl:call-template name="field">
      <xsl:with-param name="id" select="concat('a-', $form, '-purpose')"/>
      <xsl:with-param name="name" select="'purpose'"/>
      <xsl:with-param name="label" select="i:t('What it is for')"/>
      <xsl:with-param name="type" select="'textarea'"/>
      <xsl:with-param name="maxlength" select="'2000'"/>
      <xsl:with-param name="hint" select="i:t('Who takes part, what cases it takes and who may bring them.')"/>
      <xsl:with-param name="value"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'purpose'"/><xsl:with-param name="stored" select="$t/@purpose"/></xsl:call-template></xsl:with-param>
      <xsl:with-param name="error" select="string($e[@field = 'purpose'])"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="id" select="concat('a-', $form, '-meets')"/>
      <xsl:with-param name="name" select="'meets'"/>
      <xsl:with-param name="label" select="i:t('Meets')"/>
      <xsl:with-param name="maxlength" select="'200'"/>
      <xsl:with-param name="hint" select="i:t('How often, as people say it, for example every third Tuesday.')"/>
      <xsl:with-param name="value"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'meets'"/><xsl:with-param name="stored" select="$t/@meets"/></xsl:call-template></xsl:with-param>
      <xsl:with-param name="error" select="string($e[@field = 'meets'])"/>
    </xsl:call-template>
    <xsl:if test="$form = 'new' or $t/@kind = 'intake'">
      <xsl:call-template name="field">
        <xsl:with-param name="id" select="concat('a-', $form, '-capacity')"/>
        <xsl:with-param name="name" select="'capacity'"/>
        <xsl:with-param name="label" select="i:t('Capacity in families')"/>
        <xsl:with-param name="inputmode" select="'numeric'"/>
        <xsl:with-param name="maxlength" select="'3'"/>
        <xsl:with-param name="hint" select="i:t('A team with an intake only: how many families it can follow at once. Leave it empty for no limit.')"/>
        <xsl:with-param name="value"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'capacity'"/><xsl:with-param name="stored" select="$t/@capacity-families"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="error" select="string($e[@field = 'capacity'])"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$form = 'new' or $t/@kind = 'intake'">
      <xsl:variable name="chosen"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'unit'"/><xsl:with-param name="stored" select="$t/@unit-id"/></xsl:call-template></xsl:variable>
      <xsl:call-template name="select-field">
        <xsl:with-param name="id" select="concat('a-', $form, '-unit')"/>
        <xsl:with-param name="name" select="'unit'"/>
        <xsl:with-param name="label" select="i:t('The unit the team belongs to')"/>
        <xsl:with-param name="required" select="$form = 'edit'"/>
        <xsl:with-param name="hint" select="i:t('A team with an intake only: the guardians’ consent names this unit to share a family with the team.')"/>
        <xsl:with-param name="error" select="string($e[@field = 'unit'])"/>
        <xsl:with-param name="options">
          <xsl:if test="$form = 'new'"><option value=""><xsl:value-of select="i:t('None (a discussion team)')"/></option></xsl:if>
          <xsl:for-each select="/page/units/unit">
            <option value="{@id}">
              <xsl:if test="@id = $chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="@name"/>
            </option>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$form = 'edit'">
      <xsl:variable name="active">
        <xsl:choose>
          <xsl:when test="$e"><xsl:value-of select="boolean(/page/typed[@form = $form][@name = 'active'])"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$t/@active = 'true'"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <div class="field check">
        <input type="checkbox" id="a-edit-active" name="active" value="yes">
          <xsl:if test="$active = 'true'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="a-edit-active"><xsl:value-of select="i:t('Active: the team takes new meetings and cases')"/></label>
      </div>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
